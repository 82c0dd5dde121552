import type { CSSProperties } from 'react';

export interface Segment {
  text: string;
  match: boolean;
}

/** Text with the parts a search matched marked, as the server (or a pure helper) cut it. */
export function Highlight({
  segments,
  fallback,
  style,
  testId,
}: {
  segments: Segment[] | undefined;
  fallback: string;
  style?: CSSProperties;
  testId?: string;
}) {
  if (!segments?.length) return <span style={style}>{fallback}</span>;
  return (
    <span style={style} data-testid={testId}>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="gx-highlight" data-testid="highlight-match">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}
