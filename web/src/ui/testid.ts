/** `data-testid` for props objects (okButtonProps and the like), where JSX attribute syntax is unavailable. */
export function testId(id: string): Record<string, string> {
  return { 'data-testid': id };
}
