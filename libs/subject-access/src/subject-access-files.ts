import { CsvCell, formatJstDateTime, jstTimestamp, toCsv, ZipEntry } from '@tsunagu/common';
import { DISCLOSABLE_FIELD_LABELS } from '@tsunagu/referrals';
import { SubjectAccessRecord } from './subject-access-record';
import { STAFF_NAME_MODE_LABELS, StaffNameMode } from './staff-names';

type Row<K extends keyof SubjectAccessRecord> = SubjectAccessRecord[K] extends ReadonlyArray<infer R> ? R : SubjectAccessRecord[K];

interface Section<K extends keyof SubjectAccessRecord = keyof SubjectAccessRecord> {
  key: K;
  title: string;
  file: string;
  columns: ReadonlyArray<readonly [header: string, value: (row: Row<K>) => CsvCell]>;
}

const time = (instant: string | null): string => (instant ? jstTimestamp(instant) : '');
const yesNo = (value: boolean): string => (value ? 'はい' : 'いいえ');
const list = (values: readonly string[]): string => values.join('、');

/** A disclosed value as text: a string or number as it is, anything else as JSON, nothing as empty. */
const scalarText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : value === null || value === undefined ? '' : JSON.stringify(value);

/** A referral's frozen disclosure in words: 氏名: … ／ 子の氏名・生年月日: … */
export function referralDisclosureText(disclosure: Record<string, unknown> | null): string {
  if (!disclosure) return '';
  return Object.entries(disclosure)
    .map(([field, value]) => {
      const label = (DISCLOSABLE_FIELD_LABELS as Record<string, string>)[field] ?? field;
      const text = Array.isArray(value)
        ? list(value.map((c: { name?: string; birthDate?: string | null }) => (c.birthDate ? `${c.name}（${c.birthDate}生）` : String(c.name))))
        : scalarText(value);
      return `${label}: ${text}`;
    })
    .join(' ／ ');
}

const section = <K extends keyof SubjectAccessRecord>(s: Section<K>): Section => s as unknown as Section;

/** The CSV files, one per section, in the order the cover lists them. */
export const SECTIONS: readonly Section[] = [
  section({
    key: 'client',
    title: '相談者の基本情報',
    file: '01_client.csv',
    columns: [
      ['氏名', (c) => c.name],
      ['フリガナ', (c) => c.kana],
      ['生年月日', (c) => c.birthDate],
      ['電話番号', (c) => c.phone],
      ['住所', (c) => c.address],
      ['メモ', (c) => c.notes],
      ['性別', (c) => c.genderLabel],
      ['年齢層', (c) => c.ageBandLabel],
      ['住所秘匿（支援措置対象）', (c) => yesNo(c.addressProtected)],
      ['登録日時', (c) => time(c.registeredAt)],
      ['登録者', (c) => c.registeredBy],
    ],
  }),
  section({
    key: 'children',
    title: '子ども（同伴児を含む）',
    file: '02_children.csv',
    columns: [
      ['番号', (c) => c.no],
      ['氏名', (c) => c.name],
      ['生年月日', (c) => c.birthDate],
    ],
  }),
  section({
    key: 'cases',
    title: '相談ケース',
    file: '03_cases.csv',
    columns: [
      ['ケース番号', (c) => c.caseNumber],
      ['相談事業', (c) => c.programName],
      ['状態', (c) => c.statusLabel],
      ['受付日', (c) => c.openedOn],
      ['終結日', (c) => c.closedOn],
      ['終結の理由', (c) => c.closeReasonLabel],
      ['主訴', (c) => list(c.mainConcernNames)],
      ['閲覧制限', (c) => yesNo(c.restricted)],
      ['担当相談員', (c) => c.assignedCounselor],
    ],
  }),
  section({
    key: 'contacts',
    title: '相談記録',
    file: '04_contacts.csv',
    columns: [
      ['ケース番号', (c) => c.caseNumber],
      ['相談事業', (c) => c.programName],
      ['相談日時', (c) => time(c.startedAt)],
      ['相談方法', (c) => c.channelLabel],
      ['時間（分）', (c) => c.durationMinutes],
      ['相談員', (c) => c.counselor],
      ['主訴', (c) => c.mainConcernName],
      ['その他の訴え', (c) => list(c.otherConcernNames)],
      ['DV関連', (c) => yesNo(c.dvRelated)],
      ['相談内容の要約', (c) => c.summary],
      ['次の対応', (c) => c.nextAction],
      ['次回確認日', (c) => c.followUpOn],
    ],
  }),
  section({
    key: 'dvDetails',
    title: 'DVの状況',
    file: '05_dv.csv',
    columns: [
      ['ケース番号', (d) => d.caseNumber],
      ['相手方との関係', (d) => d.relationLabel],
      ['暴力の種類', (d) => list(d.violenceTypeLabels)],
      ['子どもへの影響', (d) => yesNo(d.childrenExposed)],
      ['更新日時', (d) => time(d.updatedAt)],
    ],
  }),
  section({
    key: 'riskAssessments',
    title: '危険度評価',
    file: '06_risk_assessments.csv',
    columns: [
      ['ケース番号', (r) => r.caseNumber],
      ['評価日', (r) => r.assessedOn],
      ['評価者', (r) => r.assessor],
      ['該当した項目', (r) => list(r.itemLabels)],
      ['危険度', (r) => r.levelLabel],
      ['メモ', (r) => r.note],
    ],
  }),
  section({
    key: 'protectionOrders',
    title: '保護命令',
    file: '07_protection_orders.csv',
    columns: [
      ['ケース番号', (o) => o.caseNumber],
      ['種類', (o) => o.kindLabel],
      ['状態', (o) => o.statusLabel],
      ['接近禁止命令に付随', (o) => yesNo(o.accompanying)],
      ['住居が本人のみの名義', (o) => yesNo(o.homeSolelyHers)],
      ['申立日', (o) => o.filedOn],
      ['発令日', (o) => o.issuedOn],
      ['期限', (o) => o.expiresOn],
    ],
  }),
  section({
    key: 'supportMeasures',
    title: 'DV等支援措置',
    file: '08_support_measures.csv',
    columns: [
      ['ケース番号', (m) => m.caseNumber],
      ['更新（延長）の申出', (m) => yesNo(m.renewal)],
      ['申出日', (m) => m.appliedOn],
      ['意見を付した日', (m) => m.opinionGivenOn],
      ['受付日', (m) => m.receivedOn],
      ['受理日', (m) => m.acceptedOn],
      ['開始日', (m) => m.startsOn],
      ['期限', (m) => m.expiresOn],
      ['状態', (m) => m.statusLabel],
      ['終了の理由', (m) => m.endReasonLabel],
      ['終了日', (m) => m.endedOn],
    ],
  }),
  section({
    key: 'placements',
    title: '施設入所',
    file: '09_placements.csv',
    columns: [
      ['ケース番号', (p) => p.caseNumber],
      ['入所の種類', (p) => p.kindLabel],
      ['施設の種別', (p) => p.facilityKindLabel],
      ['施設名', (p) => p.facilityName],
      ['状態', (p) => p.statusLabel],
      ['大人の人数', (p) => p.adults],
      ['同伴児の人数', (p) => p.children],
      ['同伴児の年齢層', (p) => list(p.childAgeBandLabels)],
      ['入所予定日', (p) => p.plannedStart],
      ['出産予定日', (p) => p.expectedDeliveryOn],
      ['申請の理由', (p) => p.reason],
      ['申請者', (p) => p.requestedBy],
      ['申請日時', (p) => time(p.requestedAt)],
      ['決定者', (p) => p.decidedBy],
      ['決定日時', (p) => time(p.decidedAt)],
      ['決定のメモ', (p) => p.decisionNote],
      ['入所日', (p) => p.admittedOn],
      ['退所日', (p) => p.endedOn],
      ['退所後', (p) => p.outcomeLabel],
    ],
  }),
  section({
    key: 'transports',
    title: '緊急移送',
    file: '10_transports.csv',
    columns: [
      ['ケース番号', (t) => t.caseNumber],
      ['移送日', (t) => t.transportedOn],
      ['出発地', (t) => t.fromPlaceLabel],
      ['到着地', (t) => t.toPlaceLabel],
      ['同行職員数', (t) => t.escorts],
      ['記録者', (t) => t.recordedBy],
    ],
  }),
  section({
    key: 'referrals',
    title: '庁内連携',
    file: '11_referrals.csv',
    columns: [
      ['ケース番号', (r) => r.caseNumber],
      ['連携先', (r) => r.departmentName],
      ['目的', (r) => r.purposeLabel],
      ['状態', (r) => r.statusLabel],
      ['依頼内容', (r) => r.message],
      ['提供する項目', (r) => list(r.fieldLabels)],
      ['連携先向けの要約', (r) => r.summary],
      ['回答期限', (r) => r.dueOn],
      ['作成者', (r) => r.author],
      ['提出日時', (r) => time(r.submittedAt)],
      ['同意の番号', (r) => r.consentNo],
      ['決定者', (r) => r.decidedBy],
      ['決定日時', (r) => time(r.decidedAt)],
      ['差戻しの理由', (r) => r.rejectReason],
      ['支援措置の意見日', (r) => r.opinionGivenOn],
      ['連携先に提供した内容（承認時点）', (r) => referralDisclosureText(r.disclosure)],
      ['回答者', (r) => r.respondedBy],
      ['回答日時', (r) => time(r.respondedAt)],
      ['回答コメント', (r) => r.responseComment],
      ['取消日時', (r) => time(r.revokedAt)],
      ['取消の理由', (r) => r.revokeReasonLabel],
    ],
  }),
  section({
    key: 'consents',
    title: '情報提供の同意',
    file: '12_consents.csv',
    columns: [
      ['番号', (c) => c.no],
      ['取得日', (c) => c.obtainedOn],
      ['方法', (c) => c.methodLabel],
      ['取得者', (c) => c.obtainedBy],
      ['提供先', (c) => list(c.departmentNames)],
      ['提供してよい項目', (c) => list(c.fieldLabels)],
      ['撤回日時', (c) => time(c.withdrawnAt)],
      ['撤回の受付者', (c) => c.withdrawnBy],
    ],
  }),
  section({
    key: 'lineConversations',
    title: 'LINE相談',
    file: '13_line_conversations.csv',
    columns: [
      ['会話番号', (c) => c.no],
      ['LINEアカウント', (c) => c.accountName],
      ['相談事業', (c) => c.programName],
      ['LINEユーザーID', (c) => c.lineUserId],
      ['状態', (c) => c.statusLabel],
      ['開始日時', (c) => time(c.startedAt)],
      ['最後のメッセージ', (c) => time(c.lastMessageAt)],
      ['終了日時', (c) => time(c.closedAt)],
      ['終了の理由', (c) => c.closeReasonLabel],
      ['ケース番号', (c) => c.caseNumber],
    ],
  }),
  section({
    key: 'lineMessages',
    title: 'LINEのメッセージ',
    file: '14_line_messages.csv',
    columns: [
      ['会話番号', (m) => m.conversationNo],
      ['日時', (m) => time(m.occurredAt)],
      ['受信・送信', (m) => m.directionLabel],
      ['送信者', (m) => m.sender],
      ['種類', (m) => m.kindLabel],
      ['本文', (m) => m.text],
      ['送信状況', (m) => m.deliveryLabel],
    ],
  }),
  section({
    key: 'provisions',
    title: '物品の提供',
    file: '15_provisions.csv',
    columns: [
      ['提供日', (p) => p.providedOn],
      ['品目', (p) => p.kindLabel],
      ['数量', (p) => p.quantity],
      ['相談事業', (p) => p.programName],
      ['ケース番号', (p) => p.caseNumber],
      ['LINE会話番号', (p) => p.lineConversationNo],
      ['記録者', (p) => p.recordedBy],
    ],
  }),
];

export const JSON_FILE = 'disclosure.json';
export const COVER_FILE = '00_cover.txt';

const rowsOf = (record: SubjectAccessRecord, key: keyof SubjectAccessRecord): unknown[] => {
  const value = record[key];
  return Array.isArray(value) ? value : [value];
};

const POLICY_TEXT: Record<StaffNameMode, string[]> = {
  [StaffNameMode.Redacted]: [
    '相談員・査察指導員・庁内連携窓口などの職員は、「相談員A」のように役割と記号で記載しています。',
    '氏名とログインIDは含みません。同じ記号は、この書き出しの中では同じ職員を指します（別の書き出しの記号とは対応しません）。',
    '理由：DVの事案では、加害者が本人に開示請求をさせ、担当の職員を探し出そうとするおそれがあるためです。',
  ],
  [StaffNameMode.Shown]: ['職員の氏名（表示名）を記載しています。'],
};

/** 表紙: who it is for (by pseudonymous id only), when, what is in it, how staff are named. */
export function coverText(record: SubjectAccessRecord): string {
  const lines = [
    '本人開示（個人情報の保護に関する法律に基づく開示請求）用の書き出し',
    '',
    `対象者：相談者ID ${record.clientId}`,
    `開示請求の受付番号：${record.requestReference ?? '（指定なし）'}`,
    `作成日時：${formatJstDateTime(record.generatedAt)}（日本時間）`,
    `職員名の扱い：${STAFF_NAME_MODE_LABELS[record.staffNames]}`,
    ...POLICY_TEXT[record.staffNames].map((t) => `  ${t}`),
    '',
    '収録内容（ファイル名：内容：件数）',
    `  ${JSON_FILE}：すべての記録（コンピュータで読むための形式。コードと表示名の両方を含みます）`,
    ...SECTIONS.map((s) => `  ${s.file}：${s.title}：${rowsOf(record, s.key).length}件`),
    '',
    '記載について',
    '  CSVファイルは UTF-8（BOM付き）で、表計算ソフトでそのまま開けます。日時は日本時間です。',
    '  施設入所の記録には、施設の種別と名称だけを記載しています。施設の所在地と電話番号は、入所する方の安全のために秘匿している施設の情報で、ご本人の個人情報ではないため含みません。',
    '  CSVで「=」「+」「-」「@」から始まる値には、表計算ソフトが式として扱わないよう先頭に「\'」を付けています。JSONには元の値のまま記載しています。',
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The archive's files: the cover, the JSON of everything, one CSV per section. */
export function subjectAccessFiles(record: SubjectAccessRecord): ZipEntry[] {
  return [
    { name: COVER_FILE, data: coverText(record) },
    { name: JSON_FILE, data: `${JSON.stringify(record, null, 2)}\n` },
    ...SECTIONS.map((s) => ({
      name: s.file,
      data: toCsv(
        s.columns.map(([header]) => header),
        rowsOf(record, s.key).map((row) => s.columns.map(([, value]) => value(row as never))),
      ),
    })),
  ];
}
