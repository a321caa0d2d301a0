import { SubjectAccessRecord } from './subject-access-record';
import { coverText, subjectAccessFiles, referralDisclosureText, SECTIONS } from './subject-access-files';
import { StaffNameMode } from './staff-names';

// A fictional person; only the fields the files print matter here.
function record(over: Partial<SubjectAccessRecord> = {}): SubjectAccessRecord {
  return {
    format: 'tsunagu-disclosure/1',
    clientId: '0b3c5d7e-1111-4222-8333-944455566677',
    generatedAt: '2026-03-31T15:30:00.000Z', // 令和8年4月1日 00:30 JST
    requestReference: 'R7-開示-0012',
    staffNames: StaffNameMode.Redacted,
    client: {
      name: '架空 花子', kana: 'カクウ ハナコ', birthDate: '1990-04-01', phone: '+81-90-0000-0000', address: '架空市架空町1-1', notes: null,
      gender: 'female', genderLabel: '女性', ageBand: '30s', ageBandLabel: '30歳代', addressProtected: true, registeredAt: '2025-06-30T15:10:00.000Z', registeredBy: '相談員A',
    },
    children: [{ no: 1, name: '架空 一郎', birthDate: '2018-05-01' }],
    cases: [],
    contacts: [
      {
        caseNumber: '2025-0001', programName: 'DV相談', startedAt: '2025-07-01T00:30:00.000Z', durationMinutes: 30, channel: 'phone', channelLabel: '電話', counselor: '相談員A',
        mainConcern: 'husband-violence', mainConcernName: '夫等からの暴力', otherConcerns: ['divorce'], otherConcernNames: ['離婚問題'], dvRelated: true,
        summary: '架空の要約', nextAction: null, followUpOn: null,
      },
    ],
    dvDetails: [], riskAssessments: [], protectionOrders: [], supportMeasures: [], placements: [], transports: [], referrals: [], consents: [],
    lineConversations: [], lineMessages: [], provisions: [],
    ...over,
  };
}

describe('disclosure files', () => {
  it('holds the cover, the JSON of everything and one CSV per section', () => {
    const files = subjectAccessFiles(record());
    expect(files.map((f) => f.name)).toEqual(['00_cover.txt', 'disclosure.json', ...SECTIONS.map((s) => s.file)]);
    expect(JSON.parse(files[1].data as string)).toEqual(record());
    expect(new Set(SECTIONS.map((s) => s.key)).size).toBe(15);
  });

  it('writes CSVs with a BOM, Japanese headers, labels for codes and JST times', () => {
    const files = subjectAccessFiles(record());
    const contacts = files.find((f) => f.name === '04_contacts.csv')!.data as string;
    expect(contacts.startsWith('\uFEFF"ケース番号","相談事業","相談日時","相談方法"')).toBe(true);
    expect(contacts).toContain('"2025-0001","DV相談","2025-07-01 09:30","電話","30","相談員A","夫等からの暴力","離婚問題","はい","架空の要約","",""');
    const client = files.find((f) => f.name === '01_client.csv')!.data as string;
    expect(client).toContain(`"'+81-90-0000-0000"`);
    expect(client).toContain('"2025-07-01 00:10","相談員A"');
    expect((files.find((f) => f.name === '05_dv.csv')!.data as string).slice(1)).toBe('"ケース番号","相手方との関係","暴力の種類","子どもへの影響","更新日時"\r\n');
  });

  it('covers her by pseudonymous id only, with the 和暦 time, the row counts and the staff-name policy', () => {
    const cover = coverText(record());
    expect(cover.charCodeAt(0)).toBe(0xfeff);
    expect(cover).toContain('対象者：相談者ID 0b3c5d7e-1111-4222-8333-944455566677');
    expect(cover).toContain('作成日時：令和8年4月1日 00:30（日本時間）');
    expect(cover).toContain('開示請求の受付番号：R7-開示-0012');
    expect(cover).toContain('01_client.csv：相談者の基本情報：1件');
    expect(cover).toContain('02_children.csv：子ども（同伴児を含む）：1件');
    expect(cover).toContain('04_contacts.csv：相談記録：1件');
    expect(cover).toContain('14_line_messages.csv：LINEのメッセージ：0件');
    expect(cover).toContain('職員名の扱い：職員名を伏せる（役割＋記号）');
    expect(cover).toContain('加害者が本人に開示請求をさせ');
    expect(cover).not.toContain('架空 花子');
    const shown = coverText(record({ staffNames: StaffNameMode.Shown, requestReference: null }));
    expect(shown).toContain('職員名の扱い：職員名を表示する');
    expect(shown).toContain('開示請求の受付番号：（指定なし）');
  });

  it('puts a frozen disclosure in words, children with their birth dates', () => {
    expect(referralDisclosureText({ name: '架空 花子', phone: '090-0000-0000', children: [{ name: '架空 一郎', birthDate: '2018-05-01' }, { name: '架空 二郎', birthDate: null }] })).toBe(
      '氏名: 架空 花子 ／ 電話番号: 090-0000-0000 ／ 子の氏名・生年月日: 架空 一郎（2018-05-01生）、架空 二郎',
    );
    expect(referralDisclosureText(null)).toBe('');
  });
});
