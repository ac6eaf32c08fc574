/** One holder's claim on a room; the room is logged out when its last lease is released. */
export interface RoomLease {
  readonly room: number;
  /** Bodies received for this room since the lease was taken. */
  readonly messages: number;
  release(): Promise<void>;
}

/** What room jobs need from the room manager. */
export interface RoomHolder {
  acquire(room: number): RoomLease;
}
