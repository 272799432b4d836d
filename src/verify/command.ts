// `coursewright verify`: placeholder until the verifier lands.
export async function runVerify(_argv: readonly string[]): Promise<number> {
  console.error("verify is not available yet");
  return 1;
}
