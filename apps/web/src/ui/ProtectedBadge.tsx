/** 住所秘匿: shown wherever an address-protected client is named (lists, headers, pickers). */
export function ProtectedBadge({ protectedAddress }: { protectedAddress: boolean }) {
  if (!protectedAddress) return null;
  return <span className="badge badge-protected">住所秘匿</span>;
}
