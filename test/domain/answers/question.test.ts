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

  it('recognises list words and follow-ups', () => {
    const critical = parseQuestion('vilka system är verksamhetskritiska');
    assert.ok(critical.businessCritical);
    assert.equal(critical.subject, undefined);
    const followUp = parseQuestion('vilka av dem är verksamhetskritiska?');
    assert.ok(followUp.followUp && followUp.businessCritical);
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
  });

  it('answers in English only when the question is clearly English', () => {
    assert.equal(parseQuestion('Who owns W3D3?').lang, 'en');
    assert.equal(parseQuestion('which systems are business critical').lang, 'en');
    assert.equal(parseQuestion('vem förvaltar agresso').lang, 'sv');
    assert.equal(parseQuestion('W3D3').lang, 'sv');
  });

  it('picks e-mail addresses out before tokenising', () => {
    const question = parseQuestion('Vilka system förvaltar Anna.Berg@Kommun.se?');
    assert.deepEqual(question.emails, ['anna.berg@kommun.se']);
  });
});
