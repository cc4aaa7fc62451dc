/** The text cut to at most `length` characters and an ellipsis, at a word's end when the cut leaves a space. */
export function shortened(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length).trimEnd()}…` : text;
}
