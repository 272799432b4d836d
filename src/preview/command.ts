// `coursewright preview`: placeholder until the preview server lands.
export async function runPreview(_argv: readonly string[]): Promise<number> {
  console.error("preview is not available yet");
  return 1;
}
