// The hashing back end the core depends on (SHA-256 only). src/io supplies implementations:
// nodeHasher (node:crypto) and webHasher (WebCrypto).

export interface Hasher {
  /** SHA-256 digest of data (32 bytes). */
  sha256(data: Uint8Array): Promise<Uint8Array>;
  /**
   * SHA-256 digests of many inputs, in order. Implementations batch the work (one await for the
   * lot instead of one per file), which is what makes hashing a module's files fast.
   */
  sha256Many(items: readonly Uint8Array[]): Promise<Uint8Array[]>;
}
