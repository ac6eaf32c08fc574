// The files test/tarballs.test.ts writes into the install directory: what a user of
// @danmaku/client writes first (the README's example), and a file that leans on its types.

/** Prints the first three chat lines of a room, then closes: argv is the server URL and room. */
export const PRINT_CHAT_SCRIPT = `import { connectRoom } from '@danmaku/client';

const [url, room] = process.argv.slice(2);
const client = connectRoom(Number(room), { endpoints: [{ transport: 'ws', url }] });
let printed = 0;
client.on('chatmsg', (chat) => {
  console.log(\`[\${chat.nickname}]: \${chat.text}\`);
  if (++printed === 3) void client.close();
});
`;

/** Type-checks only if the installed declarations resolve and mean what the README says. */
export const TYPES_CHECK_FILE = `import {
  connectRoom,
  type CloseReason,
  type RoomClient,
  type RoomClientOptions,
} from '@danmaku/client';

const options: RoomClientOptions = { endpoints: [{ transport: 'ws', url: 'ws://127.0.0.1:1' }] };
const client: RoomClient = connectRoom(9999, options);
client.on('chatmsg', (chat) => {
  const line: string = \`[\${chat.nickname}]: \${chat.text}\`;
  console.log(line);
});
client.on('closed', ({ reason }) => {
  const why: CloseReason = reason;
  console.log(why);
});

// A field absent from the body is null (see the protocol CHANGELOG).
export async function firstChat(): Promise<string | null> {
  for await (const chat of client.messages({ types: ['chatmsg'] })) return chat.text;
  return null;
}

// @ts-expect-error a room id is a number
connectRoom('9999');
`;
