// Prints a Douyu room's chat, one line per message.
//   pnpm exec tsx --conditions=@danmaku/source packages/client/examples/print-chat.ts <roomId> [--simulate]
// --simulate starts the built-in simulator and reads from it instead of Douyu.
import { connectRoom, type RoomClientOptions } from '@danmaku/client';
import { startSimulator } from '@danmaku/simulator';

const [roomArg, ...flags] = process.argv.slice(2);
const roomId = Number(roomArg);
if (!Number.isSafeInteger(roomId) || roomId <= 0) {
  console.error('usage: print-chat.ts <roomId> [--simulate]');
  process.exit(2);
}

const simulator = flags.includes('--simulate') ? await startSimulator() : undefined;
const options: RoomClientOptions =
  simulator === undefined ? {} : { endpoints: [{ transport: 'ws', url: simulator.wsUrl() }] };

const client = connectRoom(roomId, options);
client.on('loggedIn', ({ endpoint }) =>
  console.error(`-- watching room ${roomId} (${endpoint.transport})`),
);
client.on('closed', ({ reason }) => console.error(`-- disconnected: ${reason}`));
client.on('chatmsg', (chat) => console.log(`[${chat.nickname ?? '?'}]: ${chat.text ?? ''}`));

process.once('SIGINT', () => {
  void client.close().then(() => simulator?.close());
});
