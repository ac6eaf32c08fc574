// douyudm ships no types; only the two codec classes the codec benchmark calls are declared.
declare module 'douyudm' {
  export const Packet: {
    Decode(buf: Uint8Array | ArrayBuffer, callback: (message: string) => void): void;
  };
  export const STT: {
    deserialize(raw: string): unknown;
  };
}
