/** The kind of unit a scorecard ranks, guessed from its code and name (district, department, province). */
export function scorecardKind(card: { code: string; name: string } | undefined): string | undefined {
  if (!card) return undefined;
  const s = `${card.code} ${card.name}`.toLowerCase();
  if (/huyen|huyện|district/.test(s)) return 'district';
  if (/(^|_)so(_|$)|sở|department/.test(s)) return 'department';
  if (/tinh|tỉnh|province|dti/.test(s)) return 'province';
  return undefined;
}
