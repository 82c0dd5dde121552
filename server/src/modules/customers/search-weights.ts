// Pure: the stored search document in weighted parts, so a masked field can be left out of a search.
//
// A role that sees phones masked must not find a customer by typing phone digits — that
// would reveal the number fragment by fragment (the users module keeps the same rule).
// The vector is stored as setweight(A: names, codes, contacts) || (B: phones) || (C: emails)
// and such a caller's query operands are limited to the weights it may search.
import { parseQuery, searchDocument, searchText, type SearchFields } from './search-terms.ts';

export interface SearchDocs {
  /** Weight A: names, short name, code, credit code, contact names. */
  main: string;
  /** Weight B. */
  phones: string;
  /** Weight C. */
  emails: string;
  /** For the ILIKE recheck of Chinese substrings. */
  text: string;
}

export function searchDocs(f: SearchFields): SearchDocs {
  return {
    main: searchDocument({
      name: f.name,
      shortName: f.shortName,
      code: f.code,
      creditCode: f.creditCode,
      contactNames: f.contactNames,
    }),
    phones: searchDocument({ phones: f.phones }),
    emails: searchDocument({ emails: f.emails }),
    text: searchText(f),
  };
}

export interface SearchQuery {
  tsquery: string;
  likePatterns: string[];
}

/** Limits every operand of a tsquery to the given weights: 'abc':* → 'abc':*AC. */
export function restrictWeights(tsquery: string, weights: string): string {
  return tsquery.replace(
    /'((?:[^'\\]|\\.|'')*)'(:\*)?/g,
    (_m, lexeme: string, star?: string) => `'${lexeme}':${star ? '*' : ''}${weights}`,
  );
}

/**
 * The search for what a user typed, or null when nothing searchable is left. `masked` lists
 * the fields the caller sees masked or hidden.
 */
export function searchQuery(
  q: string | undefined,
  masked: { phones: boolean; emails: boolean },
): SearchQuery | null {
  if (!q) return null;
  const parsed = parseQuery(q);
  if (!parsed || !parsed.tsquery) return null;
  let tsquery = parsed.tsquery;
  if (masked.phones || masked.emails)
    tsquery = restrictWeights(tsquery, `A${masked.phones ? '' : 'B'}${masked.emails ? '' : 'C'}`);
  return { tsquery, likePatterns: parsed.likePatterns };
}
