/** A file's text as JSON, or an error that names the file (every reader of user files starts here). */
export function parseJsonFile(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${name} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
