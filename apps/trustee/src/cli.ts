/** Command-line entry point of this part; returns the process exit code. */
export async function main(args: string[]): Promise<number> {
  console.error(`not implemented yet: ${args.join(' ')}`);
  return 2;
}
