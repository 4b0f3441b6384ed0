// The package ships no type declarations; only the lists and the function used here are declared.
declare module 'stopword' {
  export const eng: string[];
  export const fra: string[];
  export function removeStopwords(tokens: string[], stopwords?: string[]): string[];
}
