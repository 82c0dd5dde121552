interface Props {
  size?: number;
}

/** Two linked rings: the 关系 mark. */
export function BrandMark({ size = 32 }: Props) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill="#1d4ed8" />
      <circle cx="24" cy="32" r="11" fill="none" stroke="#fff" strokeWidth="5" />
      <circle cx="40" cy="32" r="11" fill="none" stroke="#93c5fd" strokeWidth="5" />
    </svg>
  );
}

export function BrandName({ color = 'inherit', size = 18 }: { color?: string; size?: number }) {
  return (
    <span style={{ color, fontSize: size, fontWeight: 600, letterSpacing: 0.5, whiteSpace: 'nowrap' }}>
      关系 <span style={{ fontWeight: 400, opacity: 0.85 }}>Guanxi CRM</span>
    </span>
  );
}
