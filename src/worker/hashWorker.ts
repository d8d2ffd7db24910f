// A dedicated hashing worker (issue 3: "WebCrypto ... in a dedicated worker (two where there
// are cores) so the UI never stalls"). Receives {id, items: Uint8Array[]}, answers
// {id, digests: Uint8Array[]} (SHA-256 via crypto.subtle) or {id, error}.
export interface HashRequest {
  id: number;
  items: Uint8Array[];
}
export type HashReply = { id: number; digests: Uint8Array[] } | { id: number; error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<HashRequest>) => void) | null;
  postMessage(m: HashReply, transfer?: Transferable[]): void;
};

scope.onmessage = (e) => {
  const { id, items } = e.data;
  Promise.all(items.map((d) => crypto.subtle.digest('SHA-256', d as Uint8Array<ArrayBuffer>))).then(
    (out) => scope.postMessage({ id, digests: out.map((b) => new Uint8Array(b)) }, out),
    (err: unknown) => scope.postMessage({ id, error: String(err) }),
  );
};
