// Pure: the optimistic board after a card moved (counts and per-currency totals follow the card).
import type { Board, Opportunity, Stage } from './opportunities.api';

const cents = (amount: string): bigint => {
  const [int = '0', frac = ''] = amount.split('.');
  return BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
};
const fromCents = (c: bigint): string => {
  const neg = c < 0n;
  const abs = neg ? -c : c;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};

function addAmount(amounts: { amount: string; currency: string }[], o: Opportunity, sign: 1n | -1n) {
  const list = amounts.map((a) => ({ ...a }));
  const hit = list.find((a) => a.currency === o.currency);
  if (hit) hit.amount = fromCents(cents(hit.amount) + sign * cents(o.amount));
  else if (sign > 0n) list.push({ amount: fromCents(cents(o.amount)), currency: o.currency });
  return list;
}

export function moveCard(board: Board, o: Opportunity, to: Stage): Board {
  return {
    ...board,
    columns: board.columns.map((c) => {
      if (c.stage.id === o.stageId)
        return {
          ...c,
          count: Math.max(0, c.count - 1),
          amounts: addAmount(c.amounts, o, -1n),
          items: c.items.filter((i) => i.id !== o.id),
        };
      if (c.stage.id === to.id)
        return {
          ...c,
          count: c.count + 1,
          amounts: addAmount(c.amounts, o, 1n),
          items: [
            { ...o, stageId: to.id, stageKey: to.key, stageName: to.name, status: to.kind },
            ...c.items,
          ],
        };
      return c;
    }),
  };
}
