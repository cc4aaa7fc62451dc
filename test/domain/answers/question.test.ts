import assert from 'node:assert/strict';
import { parseQuestion } from '../../../src/domain/answers/question';

describe('parseQuestion', () => {
  it('reads each role from its Swedish and English words', () => {
    const cases: [string, string][] = [
      ['Vem är systemägare för X?', 'owner'],
      ['vem äger X', 'owner'],
      ['Who owns X?', 'owner'],
      ['Vem är systemansvarig för X?', 'responsible'],
      ['vem ansvarar för X', 'responsible'],
      ['Who is responsible for X?', 'responsible'],
      ['who is in charge of X', 'responsible'],
      ['vem förvaltar X', 'manager'],
      ['systemförvaltare X', 'manager'],
      ['who manages X', 'manager'],
      ['vem administrerar X', 'administrator'],
      ['who administers X', 'administrator'],
      ['vem är pilot för X', 'pilot'],
      ['vilka är superanvändare i X', 'pilot'],
      ['vem är ansvarig chef för X', 'responsibleChief'],
    ];
    for (const [text, role] of cases) assert.deepEqual(parseQuestion(text).roles, [role], text);
  });

  it('reads each role from the other words people use for it', () => {
    const cases: [string, string][] = [
      ['vilken nämnd äger X', 'owner'],
      ['vem är objektägare för X', 'owner'],
      ['who is the product owner of X', 'owner'],
      ['vem basar över X', 'responsible'],
      ['vem har ansvaret för X', 'responsible'],
      ['vem är huvudansvarig för X', 'responsible'],
      ['vem ska göra årlig uppföljning av X', 'responsible'],
      ['who is accountable for X', 'responsible'],
      ['vem är förvaltningsledare för X', 'manager'],
      ['vem sköter driften av X', 'manager'],
      ['vem uppdaterar X', 'manager'],
      ['vem handhar X', 'manager'],
      ['any idea who manages X?', 'manager'],
      ['who looks after X', 'manager'],
      ['who runs X', 'manager'],
      ['vem ger behörighet till X', 'administrator'],
      ['who grants access to X', 'administrator'],
      ['who administrates X', 'administrator'],
      ['vem är nyckelanvändare i X', 'pilot'],
    ];
    for (const [text, role] of cases) {
      const question = parseQuestion(text);
      assert.deepEqual(question.roles, [role], text);
      assert.deepEqual(question.subject?.words, ['x'], text);
    }
  });

  it('leaves only the system of a who-to-ask question, however it is put', () => {
    for (const text of [
      'vem vet något om X',
      'vem kan svara på frågor om X',
      'vem frågar jag om X',
      'vem kontaktar man om X',
      'vem ska jag höra av mig till om X',
      'vem har koll på X',
      'vem håller i X',
      'jag har problem med X, vem ska jag ringa',
      'X funkar inte, vem kontaktar jag',
      'Hej, jag undrar vem som är kontaktperson för X',
      'kan du säga vem som har hand om X?',
      'who do I call about X',
      "who's the point of contact for X",
      'who do I reach out to about X',
      'I have a problem with X, who should I call?',
      'X is not working, who do I contact?',
      'I would like to know who knows X',
    ]) {
      const question = parseQuestion(text);
      assert.deepEqual(question.subject?.words, ['x'], text);
      assert.deepEqual(question.roles, [], text);
    }
  });

  it('takes the subject from the clause that asks, not from a greeting before it', () => {
    assert.deepEqual(parseQuestion('God morgon! Vem äger X?').subject?.words, ['x']);
    assert.deepEqual(parseQuestion('Hej Systemkollen! Vem äger X?').subject?.words, ['x']);
    assert.deepEqual(parseQuestion('hey bot, who owns X').subject?.words, ['x']);
    assert.deepEqual(parseQuestion('X, vem äger det?').subject?.words, ['x']);
  });

  it('reads a negation before "verksamhetskritiska" as asking for the systems that are not, and keeps it elsewhere', () => {
    for (const question of [
      'vilka system är inte verksamhetskritiska',
      'vilka system är ej verksamhetskritiska?',
      'which systems are not business critical?',
      'list the non critical systems',
    ]) {
      const parsed = parseQuestion(question);
      assert.deepEqual([parsed.businessCritical, parsed.notCritical], [true, true], question);
      assert.equal(parsed.subject?.words.length ?? 0, 0, question);
    }
    const critical = parseQuestion('vilka system är verksamhetskritiska');
    assert.deepEqual([critical.businessCritical, critical.notCritical], [true, false]);
    // A negation is not filler: away from the critical word it stays in the question.
    assert.deepEqual(parseQuestion('vem äger inte agresso').subject?.words, ['inte', 'agresso']);
  });

  it("gives the subject's words without the filler between them, for matching descriptions", () => {
    const subject = parseQuestion('vilket system hanterar bokning av idrottshallar').subject;
    assert.equal(subject?.text, 'bokning av idrottshallar');
    assert.equal(subject?.wordsText, 'bokning idrottshallar');
  });

  it('takes the subject as typed, without question words and filler', () => {
    const question = parseQuestion('Vem är systemansvarig för Visma Window?');
    assert.deepEqual(question.subject?.words, ['visma', 'window']);
    assert.equal(question.subject?.text, 'Visma Window');
  });

  it('collects the roles of two questions about the same system', () => {
    const question = parseQuestion('Vem äger Agresso och vem är systemförvaltare?');
    assert.deepEqual(question.roles, ['owner', 'manager']);
    assert.deepEqual(question.subject?.words, ['agresso']);
  });

  it('offers a role word next to the subject as part of a name typed whole, asking only the roles outside it', () => {
    const question = parseQuestion('vem förvaltar speed admin');
    assert.deepEqual(question.subject?.words, ['speed']);
    assert.deepEqual(question.roles, ['manager', 'administrator']);
    const joined = question.subject?.exactCandidates.find((candidate) => candidate.compact === 'speedadmin');
    assert.deepEqual(joined?.roles, ['manager']);
    const alone = question.subject?.exactCandidates.find((candidate) => candidate.compact === 'speed');
    assert.deepEqual(alone?.roles, ['manager', 'administrator']);
  });

  it('tries the longest stretch of the question as a name first', () => {
    const lengths = parseQuestion('vem är admin för speedadmin').subject!.exactCandidates.map(
      (candidate) => candidate.compact.length,
    );
    assert.deepEqual(
      lengths,
      [...lengths].sort((a, b) => b - a),
    );
    assert.ok(lengths.length > 1);
  });

  it('takes a filler word hyphen-joined to a name as part of that name', () => {
    const question = parseQuestion('vilka system har IT-avdelningen');
    assert.deepEqual(question.subject?.words, ['it', 'avdelningen']);
    assert.equal(question.subject?.text, 'IT-avdelningen');
    assert.deepEqual(parseQuestion('vem äger a-kassan').subject?.words, ['a', 'kassan']);
  });

  it('takes a filler word typed in capitals as an abbreviation, unless the whole question is in capitals', () => {
    assert.deepEqual(parseQuestion('vilka system har IT?').subject?.words, ['it']);
    assert.equal(parseQuestion('vilka system har it?').subject?.words.length ?? 0, 0);
    assert.equal(parseQuestion('WHO OWNS IT?').subject?.words.length ?? 0, 0);
  });

  it('keeps a filler word that belongs to a phrase in the phrase', () => {
    const question = parseQuestion('vilka IT-system har socialförvaltningen');
    assert.equal(question.direction, 'systems');
    assert.deepEqual(question.subject?.words, ['socialforvaltningen']);
  });

  it('keeps "och" inside a name when no question follows it', () => {
    assert.deepEqual(parseQuestion('vem äger Lön och personal').subject?.words, ['lon', 'personal']);
  });

  it('tells questions about people from questions about systems', () => {
    assert.equal(parseQuestion('vem förvaltar agresso').direction, 'people');
    assert.equal(parseQuestion('Vilka system är Anna Berg systemansvarig för?').direction, 'systems');
    assert.equal(parseQuestion('Which systems does Anna Berg manage?').direction, 'systems');
    assert.equal(parseQuestion('vad förvaltar Anna').direction, 'systems');
    assert.equal(parseQuestion('agresso').direction, 'any');
  });

  it("reads a role word after the name as that person's role, and before it as the system's", () => {
    assert.equal(parseQuestion('vad är Per Nordin ansvarig för').direction, 'systems');
    assert.equal(parseQuestion('what is Karin responsible for?').direction, 'systems');
    assert.equal(parseQuestion('what is the owner of X?').direction, 'people');
    assert.equal(parseQuestion('vad är en systemansvarig?').intent, 'roleDefinition');
  });

  it('asks for systems on "ägs av", "owned by" and "hur många system"', () => {
    assert.equal(parseQuestion('vilka system ägs av socialnämnden').direction, 'systems');
    assert.equal(parseQuestion('systems owned by Socialnämnden').direction, 'systems');
    assert.equal(parseQuestion('systemen som förvaltas av Anna').direction, 'systems');
    assert.equal(parseQuestion('hur många system har socialförvaltningen?').direction, 'systems');
    assert.equal(parseQuestion('vem äger systemet X').direction, 'people');
  });

  it('recognises list words and follow-ups', () => {
    const critical = parseQuestion('vilka system är verksamhetskritiska');
    assert.ok(critical.businessCritical);
    assert.equal(critical.subject, undefined);
    const followUp = parseQuestion('vilka av dem är verksamhetskritiska?');
    assert.ok(followUp.followUp && followUp.businessCritical);
  });

  it('knows a question about the asker\'s own systems from one that only says "jag" or "mig" on the way', () => {
    for (const mine of [
      'vilka är mina system?',
      'mina system',
      'vilka system är jag ansvarig för',
      'vilka system har jag?',
      'vad förvaltar jag?',
      'vad är jag systemägare för',
      'which systems do I own?',
      'which systems am I responsible for?',
      'my systems',
    ]) {
      const parsed = parseQuestion(mine);
      assert.equal(parsed.aboutAsker, true, mine);
      assert.equal(parsed.intent, 'ask', mine);
    }
    assert.deepEqual(parseQuestion('vad förvaltar jag?').roles, ['manager']);
    for (const other of [
      'vem kan jag fråga om Agresso?',
      'hjälp mig',
      'ge mig en lista på alla system',
      'kan jag få se alla system?',
      'show me all systems',
      'vem äger Agresso, tack',
      'vilka system finns på socialförvaltningen',
      'vad är en systemförvaltare?',
      'tack för hjälpen',
    ]) {
      assert.equal(parseQuestion(other).aboutAsker, false, other);
    }
  });

  it('asks for a role definition only when no subject is named', () => {
    assert.equal(parseQuestion('vad gör en systemförvaltare?').intent, 'roleDefinition');
    assert.equal(parseQuestion('What does a system owner do?').intent, 'roleDefinition');
    assert.equal(parseQuestion('Vad innebär rollen systemansvarig?').intent, 'roleDefinition');
    assert.equal(parseQuestion('vad förvaltar Anna').intent, 'ask');
    assert.equal(parseQuestion('vem är systemförvaltare?').intent, 'ask');
  });

  it('recognises help and greetings, but not help about a system', () => {
    for (const text of ['hjälp', 'Help', 'hej!', 'vad kan du?', ''])
      assert.equal(parseQuestion(text).intent, 'help', text);
    assert.equal(parseQuestion('hjälp med agresso').intent, 'ask');
    for (const text of ['God morgon!', 'Hej Systemkollen!'])
      assert.equal(parseQuestion(text).intent, 'help', text);
  });

  it('answers in English only when the question is clearly English', () => {
    assert.equal(parseQuestion('Who owns W3D3?').lang, 'en');
    assert.equal(parseQuestion('which systems are business critical').lang, 'en');
    assert.equal(parseQuestion('vem förvaltar agresso').lang, 'sv');
    assert.equal(parseQuestion('W3D3').lang, 'sv');
    assert.equal(parseQuestion('systems owned by Socialnämnden').lang, 'en');
  });

  it('picks e-mail addresses out before tokenising', () => {
    const question = parseQuestion('Vilka system förvaltar Anna.Berg@Kommun.se?');
    assert.deepEqual(question.emails, ['anna.berg@kommun.se']);
  });

  describe('words the grammar does not know', () => {
    it('reads a role noun in another form, or with a typing error, as that role and not as part of a name', () => {
      const cases: [string, string][] = [
        ['Vem har systemansvaret för Skola24?', 'responsible'],
        ['Vem är systemförvaltre för Unikum?', 'manager'],
        ['vem är systemadministratören för Tempus', 'administrator'],
        ['vem är sytemägare för Tempus', 'owner'],
      ];
      for (const [text, role] of cases) {
        const question = parseQuestion(text);
        assert.deepEqual(question.roles, [role], text);
        assert.equal(question.subject?.words.length, 1, text);
      }
    });

    it('parts a question word typed together with the next word', () => {
      for (const text of ['vemförvaltar unikum', 'vemäger unikum', 'whoowns unikum']) {
        const question = parseQuestion(text);
        assert.deepEqual(question.subject?.words, ['unikum'], text);
        assert.equal(question.roles.length, 1, text);
      }
      assert.deepEqual(parseQuestion('vem äger Vemsa').subject?.words, ['vemsa'], 'a name is left whole');
    });

    it('keeps the words of a subject that stand apart in runs of their own', () => {
      const together = parseQuestion('vem äger Agresso Fakturering').subject!;
      assert.deepEqual(together.runs, [0, 0]);
      const apart = parseQuestion('vem ansvarar för Procapita IFO och Procapita VoO').subject!;
      assert.deepEqual(apart.words, ['procapita', 'ifo', 'procapita', 'voo']);
      assert.deepEqual(apart.runs, [0, 0, 1, 1]);
    });
  });

  describe('several questions in one', () => {
    it('takes each later clause that asks about something else as a further question, with its own roles', () => {
      const question = parseQuestion('Vem förvaltar Unikum och vem äger Tempus?');
      assert.deepEqual(question.subject?.words, ['unikum']);
      assert.deepEqual(
        question.further.map((further) => [further.subject.words, further.roles]),
        [[['tempus'], ['owner']]],
      );
    });

    it('keeps a later clause without a subject of its own as more roles of the first', () => {
      const question = parseQuestion('vem äger Tempus och vem är systemförvaltare?');
      assert.deepEqual(question.further, []);
      assert.deepEqual(question.roles, ['owner', 'manager']);
    });
  });

  it('knows when the supplier column is asked about', () => {
    assert.equal(parseQuestion('vilka system levereras av Visma?').asksSupplier, true);
    assert.equal(parseQuestion('which systems does Unit4 supply?').asksSupplier, true);
    assert.equal(parseQuestion('vilka system förvaltar Unit4?').asksSupplier, false);
    assert.equal(parseQuestion('which systems are supplied by Unit4?').asksSupplier, true);
    assert.deepEqual(parseQuestion('vilka system levereras av Visma?').subject?.words, ['visma']);
  });
});
