import assert from 'node:assert/strict';
import { reminderCard, reminderCardData, reminderContent } from '../../../src/bot/reminders/reminderCard';
import { checklistStartVerb } from '../../../src/bot/cards/checklistActions';
import type { PlannedReminder, PlannedSummary } from '../../../src/domain/reminders/plan';
import { assertValidAdaptiveCard } from '../../support/adaptiveCards';
import { aReference } from '../../infrastructure/storage/reminderStorageContract';

const hostile = '*bold* [link](http://x) ${oops} <b>html</b>';

function aReminder(overrides: Partial<PlannedReminder> = {}): PlannedReminder {
  return {
    kind: 'reminder',
    claimId: 'x:2025:2026-02-27',
    recipient: aReference(),
    lang: 'sv',
    year: 2025,
    occasion: { date: '2026-02-27', kind: 'beforeDeadline', deadline: '2026-03-01', daysBefore: 1 },
    day: '2026-02-27',
    systems: [
      {
        systemId: 'procapita',
        systemName: 'Procapita',
        deadline: '2026-03-01',
        status: 'notStarted',
        daysLeft: 2,
      },
      { systemId: 'hostile', systemName: hostile, deadline: '2026-03-01', status: 'inProgress', daysLeft: 2 },
    ],
    ...overrides,
  };
}

function aSummary(overrides: Partial<PlannedSummary> = {}): PlannedSummary {
  return {
    kind: 'summary',
    claimId: 'x:2025:summary-2026-03-02',
    recipient: aReference(),
    lang: 'en',
    year: 2025,
    occasion: { date: '2026-03-02', kind: 'overdue', deadline: '2026-03-01' },
    day: '2026-03-02',
    overdue: [
      {
        department: 'Socialförvaltningen',
        deadline: '2026-03-01',
        submitted: 0,
        inProgress: 1,
        notStarted: 1,
        total: 2,
        overdue: [{ systemId: 'procapita', systemName: hostile, status: 'notStarted' }],
      },
    ],
    overdueCount: 1,
    unreachable: [
      { name: 'Per Nordin', email: 'per@kommun.se', reason: 'noReference', systemIds: ['lifecare'] },
    ],
    ...overrides,
  };
}

describe('reminder card', () => {
  it('parses at schema 1.5 in the Adaptive Cards SDK, for a reminder and for a summary', () => {
    assertValidAdaptiveCard(reminderContent(aReminder()).card, 'reminder');
    assertValidAdaptiveCard(reminderContent(aReminder({ lang: 'en' })).card, 'reminder (en)');
    assertValidAdaptiveCard(reminderContent(aSummary()).card, 'summary');
  });

  it('gives every system a start button with the checklist start verb, the system, the year and the language', () => {
    const data = reminderCardData(aReminder());
    assert.equal(data.verbs.start, checklistStartVerb);
    assert.deepEqual(
      data.sections[0]?.items.map((item) => [item.action?.title, item.action?.data]),
      [
        ['Starta', { systemId: 'procapita', year: 2025, lang: 'sv' }],
        ['Fortsätt', { systemId: 'hostile', year: 2025, lang: 'sv' }],
      ],
    );
    const card = JSON.stringify(reminderCard.expand(data));
    assert.match(card, /"verb":"checklist.start"/);
  });

  it('tells the person to press the buttons the card shows, in the words of those buttons', () => {
    const mixed = reminderCardData(aReminder());
    assert.match(mixed.intro, /Klicka på Starta eller Fortsätt för att fylla i checklistan/);

    const onlyInProgress = reminderCardData(
      aReminder({ systems: aReminder().systems.filter((system) => system.status === 'inProgress') }),
    );
    const titles = onlyInProgress.sections[0]?.items.map((item) => item.action?.title);
    assert.deepEqual(titles, ['Fortsätt']);
    assert.match(onlyInProgress.intro, /Klicka på Fortsätt för att/);
    assert.doesNotMatch(onlyInProgress.intro, /Starta/);

    const english = reminderCardData(aReminder({ lang: 'en' }));
    assert.match(english.intro, /Select Start or Continue to fill in/);
  });

  it('names a status with the same word as the checklist cards and the export', () => {
    const details = reminderCardData(aReminder()).sections[0]?.items.map((item) => item.detail ?? '');
    assert.match(details?.[0] ?? '', /^Ej påbörjad · /);
    assert.match(details?.[1] ?? '', /^Pågår · /);
  });

  it('shows register text as plain text, never as markdown or a template expression', () => {
    const card = JSON.stringify(reminderContent(aReminder()).card);
    assert.match(card, /\\\\\*bold\\\\\* \\\\\[link\\\\\]/);
    // Shown as typed, not evaluated: in the JSON text the escaped brace reads $\\{oops}.
    assert.ok(card.includes('$\\\\{oops}'), 'the value is shown as typed, not evaluated');
    assert.doesNotMatch(card, /<b>/);
  });

  it('tells the admins why each person cannot be reached, a refused install apart from one not yet opened', () => {
    const data = reminderCardData(
      aSummary({
        unreachable: [
          { name: 'Per Nordin', email: 'per@kommun.se', reason: 'noReference', systemIds: ['lifecare'] },
          { name: 'Eva Ek', email: 'eva@kommun.se', reason: 'installRefused', systemIds: ['a', 'b'] },
        ],
      }),
    );
    const details = data.sections.flatMap((section) => section.items.map((item) => item.detail));
    assert.ok(details.includes('has not opened the app · 1 system left'), details.join(' | '));
    assert.ok(
      details.includes('Teams refused to install the app (check the app permission policy) · 2 systems left'),
      details.join(' | '),
    );
  });

  it('counts in the singular for one and in the plural for more, in the card and in the notification', () => {
    const one = reminderContent(aSummary({ lang: 'sv' }));
    assert.equal(one.text, 'Uppföljningen 2025: 1 försenat system, 1 person kan inte nås.');
    const oneData = reminderCardData(aSummary({ lang: 'sv' }));
    assert.equal(oneData.intro, '1 system är försenat. 1 person med system kvar kan inte nås av boten.');
    assert.match(String(oneData.sections[0]?.items[0]?.title), /^Socialförvaltningen: 1 försenat, sista dag/);

    const person = {
      name: 'Eva Ek',
      email: 'eva@kommun.se',
      reason: 'noReference' as const,
      systemIds: ['a'],
    };
    const many = aSummary({
      lang: 'en',
      overdueCount: 3,
      unreachable: [person, { ...person, email: 'b@kommun.se' }],
    });
    assert.equal(
      reminderContent(many).text,
      'The 2025 follow-up: 3 overdue systems, 2 people cannot be reached.',
    );
    assert.equal(
      reminderCardData(many).intro,
      '3 systems are overdue. 2 people with systems left cannot be reached by the bot.',
    );
  });

  it('cuts a long list and says how many more there are', () => {
    const systems = Array.from({ length: 45 }, (_, i) => ({
      systemId: `s${i}`,
      systemName: `System ${i}`,
      deadline: '2026-03-01',
      status: 'notStarted' as const,
      daysLeft: 2,
    }));
    const data = reminderCardData(aReminder({ systems }));
    assert.equal(data.sections[0]?.items.length, 40);
    assert.equal(data.sections[0]?.more, '… och 5 till');
  });

  it('marks an overdue reminder as such', () => {
    const overdue = aReminder({
      systems: [
        { systemId: 'p', systemName: 'P', deadline: '2026-03-01', status: 'notStarted', daysLeft: -8 },
      ],
    });
    const data = reminderCardData(overdue);
    assert.equal(data.heading, 'Försenad: årlig uppföljning 2025');
    assert.equal(data.headingColor, 'Attention');
  });
});
