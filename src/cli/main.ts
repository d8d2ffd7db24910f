export async function main(args: string[]): Promise<number> {
  void args;
  return 0;
}
