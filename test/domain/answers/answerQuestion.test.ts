import assert from 'node:assert/strict';
import {
  RegisterIndex,
  answerForPerson,
  answerForSystem,
  answerQuestion,
  contextAfter,
  type Answer,
  type QuestionContext,
} from '../../../src/domain/answers';
import { aPerson, aSystem } from '../../support/systemMother';
import { annaBerg, fictionalRegister, kommunledning, skola, social } from './fictionalRegister';

const index = RegisterIndex.build(fictionalRegister());
const ask = (text: string, context?: QuestionContext) => answerQuestion(index, text, context);

function expectKind<K extends Answer['kind']>(answer: Answer, kind: K): Extract<Answer, { kind: K }> {
  assert.equal(answer.kind, kind, `expected ${kind}, got ${JSON.stringify(answer).slice(0, 300)}`);
  return answer as Extract<Answer, { kind: K }>;
}
const names = (systems: readonly { name: string }[]) => systems.map((system) => system.name);

describe('answerQuestion', () => {
  describe('one role of one system', () => {
    it('names the asked role first and carries the whole system', () => {
      const answer = expectKind(ask('Vem är systemansvarig för Visma Window?'), 'systemRoles');
      assert.equal(answer.system.name, 'Visma Window');
      assert.deepEqual(answer.roles, ['responsible']);
      assert.equal(answer.system.managers[0]?.name, 'Karin Öberg');
      assert.equal(answer.lang, 'sv');
    });

    it('understands every role in Swedish and English', () => {
      const cases: [string, string, string][] = [
        ['vem förvaltar agresso', 'Agresso', 'manager'],
        ['Who owns W3D3?', 'W3D3', 'owner'],
        ['systemförvaltare procapita', 'Procapita VoO', 'manager'],
        ['vem administrerar office 365', 'Office 365', 'administrator'],
        ['who is responsible for treserva', 'Treserva', 'responsible'],
        ['vem är pilot för procapita', 'Procapita VoO', 'pilot'],
        ['vem är ansvarig chef för Procapita VoO', 'Procapita VoO', 'responsibleChief'],
      ];
      for (const [text, system, role] of cases) {
        const answer = expectKind(ask(text), 'systemRoles');
        assert.equal(answer.system.name, system, text);
        assert.deepEqual(answer.roles, [role], text);
      }
      assert.equal(ask('Who owns W3D3?').lang, 'en');
    });

    it('answers two roles of the same system asked at once', () => {
      const answer = expectKind(ask('Vem äger Agresso och vem är systemförvaltare?'), 'systemRoles');
      assert.equal(answer.system.name, 'Agresso');
      assert.deepEqual(answer.roles, ['owner', 'manager']);
    });
  });

  describe('anything about a system', () => {
    it('answers all roles for a bare name and for "vem kan jag fråga om", "berätta om", "tell me about"', () => {
      for (const text of [
        'Treserva',
        'vem kan jag fråga om treserva?',
        'berätta om Treserva',
        'tell me about treserva',
        'who can I ask about Treserva',
      ]) {
        const answer = expectKind(ask(text), 'systemRoles');
        assert.equal(answer.system.name, 'Treserva', text);
        assert.deepEqual(answer.roles, [], text);
      }
    });
  });

  describe('matching what people type', () => {
    it('takes "Agresso" as Agresso, not Agresso Ekonomi', () => {
      const answer = expectKind(ask('vem äger Agresso'), 'systemRoles');
      assert.equal(answer.system.name, 'Agresso');
      assert.equal(answer.matchedBy, 'name');
    });

    it('takes part of a name when no system has just that name', () => {
      const answer = expectKind(ask('vem förvaltar personec'), 'systemRoles');
      assert.equal(answer.system.name, 'Visma Personec');
      assert.equal(answer.matchedBy, 'partialName');
    });

    it('forgives typing errors and says so', () => {
      for (const [typed, system] of [
        ['agreso', 'Agresso'],
        ['vem äger vsma windw', 'Visma Window'],
        ['VEM FÖRVALTAR PROCAPITTA', 'Procapita VoO'],
        ['vem ager skolplatformen', 'Skolplattformen'],
      ]) {
        const answer = expectKind(ask(typed!), 'systemRoles');
        assert.equal(answer.system.name, system, typed);
        assert.equal(answer.matchedBy, 'typo', typed);
      }
    });

    it('treats spaces, hyphens and digits typed differently as the same name', () => {
      for (const typed of ['Office 365', 'Office365', 'office-365']) {
        assert.equal(expectKind(ask(`vem äger ${typed}`), 'systemRoles').system.name, 'Office 365', typed);
      }
      for (const typed of ['combine 2', 'Combine2', 'COMBINE-2']) {
        assert.equal(expectKind(ask(`vem äger ${typed}?`), 'systemRoles').system.name, 'Combine2', typed);
      }
    });

    it('offers a choice when a question fits several systems equally', () => {
      const answer = expectKind(ask('vem förvaltar Visma?'), 'chooseSystem');
      assert.deepEqual(names(answer.candidates), ['Visma Personec', 'Visma Window']);
      assert.deepEqual(answer.roles, ['manager']);
    });

    it("never gives another system's people for a system that is not in the register", () => {
      for (const typed of [
        'vem äger Agresso Fakturering',
        'vem äger Combine 3',
        'vem äger W3D4',
        'vem äger Office 356',
      ]) {
        const answer = expectKind(ask(typed), 'systemNotFound');
        assert.ok(answer.suggestions.length <= 3, typed);
      }
      const answer = expectKind(ask('vem äger Agresso Fakturering'), 'systemNotFound');
      assert.equal(answer.query, 'Agresso Fakturering');
      assert.deepEqual(names(answer.suggestions), ['Agresso', 'Agresso Ekonomi']);
      assert.deepEqual(answer.roles, ['owner']);
    });

    it('suggests at most three names', () => {
      const crowded = RegisterIndex.build(
        ['Alfa Ett', 'Alfa Två', 'Alfa Tre', 'Alfa Fyra', 'Alfa Fem'].map((name) => aSystem({ name })),
      );
      const answer = expectKind(answerQuestion(crowded, 'vem äger alfa sex'), 'systemNotFound');
      assert.equal(answer.suggestions.length, 3);
    });

    it('has nothing to suggest for a name far from every system', () => {
      assert.deepEqual(expectKind(ask('vem äger Xyzzy'), 'systemNotFound').suggestions, []);
    });

    describe('a role word that is part of a name', () => {
      const withSpeedadmin = RegisterIndex.build([
        ...fictionalRegister(),
        aSystem({ name: 'Speedadmin', description: 'Anmälan och schema för kulturskolan' }),
      ]);
      const askHere = (text: string) => answerQuestion(withSpeedadmin, text);

      it("reads the role word as part of the name when together they are a system's exact name", () => {
        for (const [text, roles] of [
          ['vem förvaltar speed admin', ['manager']],
          ['who manages speed-admin?', ['manager']],
          ['speed admin', []],
        ] as const) {
          const answer = expectKind(askHere(text), 'systemRoles');
          assert.equal(answer.system.name, 'Speedadmin', text);
          assert.deepEqual(answer.roles, roles, text);
          assert.equal(answer.matchedBy, 'name', text);
        }
      });

      it('still reads the role word as a role when it is not part of the name', () => {
        for (const [text, system] of [
          ['vem administrerar Speedadmin', 'Speedadmin'],
          ['vem är admin för speedadmin?', 'Speedadmin'],
          ['admin för Agresso?', 'Agresso'],
          ['vem är systemadministratör för Agresso', 'Agresso'],
        ] as const) {
          const answer = expectKind(askHere(text), 'systemRoles');
          assert.equal(answer.system.name, system, text);
          assert.deepEqual(answer.roles, ['administrator'], text);
        }
      });
    });

    describe('a name made only of filler or role words', () => {
      const oddNames = RegisterIndex.build([
        ...fictionalRegister(),
        aSystem({ name: 'Info' }),
        aSystem({ name: 'Driften' }),
        aSystem({ name: 'Problem Manager' }),
        aSystem({ name: 'Access' }),
      ]);
      const askHere = (text: string) => answerQuestion(oddNames, text);

      it('answers for the system the words name, with the roles asked around it', () => {
        for (const [text, system, roles] of [
          ['vem äger Info', 'Info', ['owner']],
          ['vad är Info?', 'Info', []],
          ['info om Info', 'Info', []],
          ['vem äger Driften', 'Driften', ['owner']],
          ['vad är Driften?', 'Driften', []],
          ['vem äger problem manager', 'Problem Manager', ['owner']],
          ['who owns Access?', 'Access', ['owner']],
          ['who grants access to Access', 'Access', ['administrator']],
        ] as const) {
          const answer = expectKind(askHere(text), 'systemRoles');
          assert.equal(answer.system.name, system, text);
          assert.deepEqual(answer.roles, roles, text);
        }
      });

      it('still explains a role, or asks which system, when no system is so named', () => {
        assert.equal(expectKind(askHere('vad gör en systemförvaltare?'), 'roleDefinition').role, 'manager');
        assert.deepEqual(expectKind(askHere('vem är systemförvaltare?'), 'notUnderstood').roles, ['manager']);
      });
    });
  });

  describe('what a system does', () => {
    it('finds a system from a compound describing it', () => {
      const answer = expectKind(ask('vem ansvarar för lönesystemet'), 'systemRoles');
      assert.equal(answer.system.name, 'Visma Window');
      assert.equal(answer.matchedBy, 'description');
      assert.deepEqual(answer.roles, ['responsible']);
    });

    it('prefers the system whose description holds the word whole over one sharing only a part of it', () => {
      const answer = expectKind(ask('vem förvaltar ekonomisystemet'), 'systemRoles');
      assert.equal(
        answer.system.name,
        'Agresso',
        'Agresso is an "Ekonomisystem"; Agresso Ekonomi only has the name',
      );
      assert.equal(answer.matchedBy, 'description');
      assert.deepEqual(answer.roles, ['manager']);
    });

    it('offers the systems whose descriptions hold the word whole alike', () => {
      const payroll = RegisterIndex.build([
        aSystem({
          name: 'Visma Window',
          description: 'Äldre lönesystem för arkivsökning',
          responsible: aPerson('Per Nordin'),
        }),
        aSystem({
          name: 'Visma Personec',
          description: 'Lön, anställningar och schema',
          responsible: aPerson('Karin Holm'),
        }),
        aSystem({ name: 'Agresso', description: 'Ekonomisystem för redovisning' }),
      ]);
      const answer = expectKind(answerQuestion(payroll, 'vem ansvarar för lönesystemet'), 'chooseSystem');
      assert.deepEqual(names(answer.candidates), ['Visma Personec', 'Visma Window']);
      assert.deepEqual(answer.roles, ['responsible']);
    });

    it('answers for each system a description fits when the same person holds the asked role in all', () => {
      const payroll = RegisterIndex.build([
        aSystem({
          name: 'Visma Window',
          description: 'Äldre lönesystem för arkivsökning',
          managers: [aPerson('Åsa Öberg')],
        }),
        aSystem({
          name: 'Visma Personec',
          description: 'Lön, anställningar och schema',
          managers: [aPerson('Åsa Öberg'), aPerson('Mikael Strand')],
        }),
        aSystem({ name: 'Agresso', description: 'Ekonomisystem för redovisning' }),
      ]);
      const answer = expectKind(answerQuestion(payroll, 'vem förvaltar lönesystemet'), 'several');
      assert.deepEqual(
        answer.parts.map((part) => (part.kind === 'systemRoles' ? part.system.name : part.kind)),
        ['Visma Personec', 'Visma Window'],
      );
      assert.deepEqual(answer.leftOut, []);
    });

    it('finds a Latin noun of a description from its Swedish inflected form', () => {
      const answer = expectKind(ask('vem är systemansvarig för diariet'), 'systemRoles');
      assert.equal(answer.system.name, 'W3D3', 'W3D3 is a "Diarium"');
      assert.equal(answer.matchedBy, 'description');
    });

    it('lists the systems for a subject', () => {
      const answer = expectKind(ask('Vilka system finns för lön?'), 'systemList');
      assert.deepEqual(answer.filter, { words: 'lön' });
      assert.deepEqual(names(answer.systems), ['Visma Window']);
    });
  });

  describe('the systems of a person', () => {
    it('lists the systems where a named person holds the asked role', () => {
      const answer = expectKind(ask('Vilka system är Anna Berg systemansvarig för?'), 'personSystems');
      assert.equal(answer.person.name, 'Anna Berg');
      assert.equal(answer.role, 'responsible');
      assert.deepEqual(names(answer.systems.map((held) => held.system)), ['Agresso', 'Visma Personec']);
    });

    it('lists every role when none is asked, with the roles held in each', () => {
      const answer = expectKind(ask('vilka system har Anna Berg?'), 'personSystems');
      assert.equal(answer.role, undefined);
      assert.deepEqual(
        answer.systems.map((held) => [held.system.name, held.roles]),
        [
          ['Agresso', ['responsible']],
          ['Visma Personec', ['responsible']],
          ['W3D3', ['manager']],
        ],
      );
    });

    it('answers a question about oneself with the systems of the asker, found by e-mail or UPN', () => {
      const byEmail = expectKind(
        answerQuestion(index, 'vilka är mina system?', undefined, {
          asker: { email: annaBerg.email!.toUpperCase() },
        }),
        'personSystems',
      );
      assert.equal(byEmail.person.name, 'Anna Berg');
      assert.equal(byEmail.role, undefined);
      const byUpn = expectKind(
        answerQuestion(index, 'vad förvaltar jag?', undefined, {
          asker: { email: 'alias@kommun.se', userPrincipalName: annaBerg.email! },
        }),
        'personSystems',
      );
      assert.deepEqual([byUpn.role, names(byUpn.systems.map((held) => held.system))], ['manager', ['W3D3']]);
    });

    it('never answers a question about oneself with the whole register when the asker is not in it', () => {
      assert.deepEqual(
        answerQuestion(index, 'mina system', undefined, { asker: { email: 'Ny@Kommun.se' } }),
        { kind: 'askerNotInRegister', lang: 'sv', address: 'ny@kommun.se' },
      );
      assert.deepEqual(answerQuestion(index, 'which systems do I manage?'), {
        kind: 'askerNotInRegister',
        lang: 'en',
        role: 'manager',
      });
    });

    it('finds a system by another name the register gives it, saying which system that is', () => {
      const withAliases = RegisterIndex.build([
        aSystem({ name: 'Active Directory', aliases: ['AD', 'Katalogtjänsten'] }),
        aSystem({ name: 'Adato', aliases: ['HR-stöd'] }),
        aSystem({ name: 'Katalogtjänsten' }),
      ]);
      const ad = expectKind(answerQuestion(withAliases, 'vem förvaltar AD?'), 'systemRoles');
      assert.deepEqual([ad.system.name, ad.matchedBy, ad.roles], ['Active Directory', 'alias', ['manager']]);
      const hr = expectKind(answerQuestion(withAliases, 'vem äger hr stöd'), 'systemRoles');
      assert.equal(hr.system.name, 'Adato');
      const own = expectKind(answerQuestion(withAliases, 'vem äger Katalogtjänsten'), 'systemRoles');
      assert.deepEqual(
        [own.system.name, own.matchedBy],
        ['Katalogtjänsten', 'name'],
        'a name wins over an alias',
      );
    });

    it("shows a person's other roles when they hold the asked one in no system", () => {
      const answer = expectKind(ask('vad förvaltar Petra Lind?'), 'personSystems');
      assert.deepEqual(answer.systems, []);
      assert.deepEqual(
        answer.otherRoles?.map((held) => held.roles),
        [['pilot']],
      );
      // A follow-up ("vilka av dem ...") is about the systems shown, those of any role.
      assert.deepEqual(contextAfter(answer), { filter: { person: answer.person } });
      const asked = expectKind(ask('vad ansvarar Anna Berg för?'), 'personSystems');
      assert.equal(asked.otherRoles, undefined, 'only when the asked role gives nothing');
    });

    it('understands English and a unique first name', () => {
      const english = expectKind(ask('Which systems does Anna Berg manage?'), 'personSystems');
      assert.deepEqual(names(english.systems.map((held) => held.system)), ['W3D3']);
      assert.equal(english.lang, 'en');
      const firstName = expectKind(ask('vad ansvarar Olof för?'), 'personSystems');
      assert.equal(firstName.person.name, 'Olof Hed');
    });

    it('offers the people to choose from when a first name is shared', () => {
      const answer = expectKind(ask('vad förvaltar Anna'), 'choosePerson');
      assert.deepEqual(
        answer.people.map((person) => person.name),
        ['Anna Berg', 'Anna Lind', 'Anna Svensson'],
      );
      assert.equal(answer.role, 'manager');
      const chosen = expectKind(
        answerForPerson(index, answer.people[0]!.key, answer.role, 'sv'),
        'personSystems',
      );
      assert.deepEqual(names(chosen.systems.map((held) => held.system)), ['W3D3']);
    });

    it('tolerates one typing error in a name and finds people by e-mail', () => {
      assert.equal(expectKind(ask('vad äger Ana Berg?'), 'personSystems').person.name, 'Anna Berg');
      assert.equal(
        expectKind(ask('vilka system förvaltar Karin Oberg'), 'personSystems').person.name,
        'Karin Öberg',
      );
      const byEmail = expectKind(ask(`vilka system har ${annaBerg.email}`), 'personSystems');
      assert.equal(byEmail.person.key, annaBerg.email);
    });

    it('answers who a named person is when asked without a role', () => {
      assert.equal(expectKind(ask('vem är Petra Lind?'), 'personSystems').systems[0]?.roles[0], 'pilot');
    });

    it('says so when nobody by that name is in the register', () => {
      const answer = expectKind(ask('vilka system förvaltar Zlatan Ibrahimović'), 'personNotFound');
      assert.equal(answer.query, 'Zlatan Ibrahimović');
      assert.equal(answer.role, 'manager');
    });
  });

  describe('lists', () => {
    it("lists a department's systems, however its name is typed", () => {
      for (const typed of [
        'Vilka system finns på barn- och utbildningsförvaltningen?',
        'vilka system finns på Barn och utbildningsförvaltningen',
        'vilka system finns på barn och utbildning',
        'vilka system har barn- och utbildningsforvaltningen',
      ]) {
        const answer = expectKind(ask(typed), 'systemList');
        assert.deepEqual(answer.filter, { department: skola }, typed);
        assert.deepEqual(names(answer.systems), ['Combine2', 'Office 365', 'Skolplattformen'], typed);
        assert.equal(answer.total, 3);
      }
      for (const typed of [
        'vilka system finns på socialförvaltningen',
        'socialforvaltningen',
        'vilka system finns på soicalförvaltning',
      ]) {
        assert.deepEqual(expectKind(ask(typed), 'systemList').filter, { department: social }, typed);
      }
    });

    it('lists the business-critical systems', () => {
      const answer = expectKind(ask('vilka system är verksamhetskritiska'), 'systemList');
      assert.deepEqual(names(answer.systems), [
        'Agresso',
        'Combine2',
        'Office 365',
        'Procapita VoO',
        'Treserva',
        'Visma Window',
      ]);
      assert.equal(expectKind(ask('which systems are business critical?'), 'systemList').lang, 'en');
    });

    it('narrows the previous list on "vilka av dem"', () => {
      const first = expectKind(ask('vilka system finns på kommunledningsförvaltningen'), 'systemList');
      assert.equal(first.total, 6);
      const followUp = expectKind(
        ask('vilka av dem är verksamhetskritiska?', contextAfter(first)),
        'systemList',
      );
      assert.deepEqual(followUp.filter, { department: kommunledning, businessCritical: true });
      assert.deepEqual(names(followUp.systems), ['Agresso', 'Office 365', 'Visma Window']);
    });

    it("narrows a person's systems on a follow-up", () => {
      const first = ask('vilka system har Anna Berg?');
      const followUp = expectKind(
        ask('which of them are business critical', contextAfter(first)),
        'systemList',
      );
      assert.deepEqual(names(followUp.systems), ['Agresso']);
    });

    it("lists a unit's systems, definite or not, abbreviated or misspelt", () => {
      for (const typed of [
        'vilka system har IT-avdelningen',
        'Vilka system finns på IT-avdelningen?',
        'vilka system har IT-avdelning',
        'vilka system har it-avdelningen',
        'vilka system har it avdelningen',
        'vilka system har IT?',
        'vilka system har IT-avdelnigen',
        'which systems does the IT department have?',
      ]) {
        const answer = expectKind(ask(typed), 'systemList');
        assert.deepEqual(answer.filter, { unit: 'IT-avdelningen' }, typed);
        assert.deepEqual(names(answer.systems), ['Office 365'], typed);
      }
      const hr = expectKind(ask('vilka system har HR-avdelningen'), 'systemList');
      assert.deepEqual(names(hr.systems), ['Visma Personec', 'Visma Window']);
    });

    it('lists a unit named on its own, and narrows its list on a follow-up', () => {
      const first = expectKind(ask('kansliavdelningen'), 'systemList');
      assert.deepEqual(first.filter, { unit: 'Kansliavdelningen' });
      const hr = expectKind(ask('vilka system har HR-avdelningen'), 'systemList');
      const followUp = expectKind(
        ask('vilka av dem är verksamhetskritiska?', contextAfter(hr)),
        'systemList',
      );
      assert.deepEqual(followUp.filter, { unit: 'HR-avdelningen', businessCritical: true });
      assert.deepEqual(names(followUp.systems), ['Visma Window']);
    });

    it('lists the systems an organisation owns', () => {
      const answer = expectKind(ask('vilka system äger socialnämnden'), 'systemList');
      assert.deepEqual(answer.filter, { owner: 'Socialnämnden' });
      assert.deepEqual(names(answer.systems), ['Procapita VoO', 'Treserva']);
    });

    it('lists the first systems and counts them all', () => {
      const answer = expectKind(
        answerQuestion(index, 'vilka system finns', undefined, { maxListed: 4 }),
        'systemList',
      );
      assert.equal(answer.systems.length, 4);
      assert.equal(answer.total, 10);
    });
  });

  describe('follow-ups about the last system', () => {
    it("applies a role asked without a system to the previous answer's system", () => {
      const first = ask('berätta om treserva');
      const answer = expectKind(ask('och vem är systemförvaltare?', contextAfter(first)), 'systemRoles');
      assert.equal(answer.system.name, 'Treserva');
      assert.equal(answer.matchedBy, 'previousQuestion');
    });

    it('asks which system is meant when there is no previous one', () => {
      assert.deepEqual(expectKind(ask('vem är systemförvaltare?'), 'notUnderstood').roles, ['manager']);
    });
  });

  describe('roles, help and the rest', () => {
    it('explains a role when asked what it means', () => {
      assert.equal(expectKind(ask('vad gör en systemförvaltare?'), 'roleDefinition').role, 'manager');
      const english = expectKind(ask('what does a system owner do?'), 'roleDefinition');
      assert.equal(english.role, 'owner');
      assert.equal(english.lang, 'en');
    });

    it('takes thanks as thanks, in the language they come in, and a question with thanks as the question', () => {
      for (const thanks of ['tack!', 'Tack så mycket', 'tusen tack :)', 'tackar']) {
        assert.deepEqual(ask(thanks), { kind: 'thanks', lang: 'sv' }, thanks);
      }
      for (const thanks of ['thanks!', 'Thank you', 'thank you very much']) {
        assert.deepEqual(ask(thanks), { kind: 'thanks', lang: 'en' }, thanks);
      }
      for (const thanks of ['tack för hjälpen', 'perfekt, tack', 'tack så mycket för svaret!']) {
        assert.deepEqual(ask(thanks), { kind: 'thanks', lang: 'sv' }, thanks);
      }
      assert.deepEqual(ask('thanks for the help'), { kind: 'thanks', lang: 'en' });
      assert.equal(ask('tack, vem äger Agresso?').kind, 'systemRoles');
      // "tack" is also Swedish for please.
      assert.equal(expectKind(ask('Visma Window, tack'), 'systemRoles').system.name, 'Visma Window');
      assert.equal(ask('hjälp, tack').kind, 'help');
      const kanon = RegisterIndex.build([aSystem({ name: 'Kanon' })]);
      assert.equal(answerQuestion(kanon, 'Kanon, tack').kind, 'systemRoles', 'a system named like praise');
    });

    it('gives help in the language asked', () => {
      assert.deepEqual(ask('hjälp'), { kind: 'help', lang: 'sv' });
      assert.deepEqual(ask('help'), { kind: 'help', lang: 'en' });
    });

    it('answers a button press with the chosen system', () => {
      const answer = expectKind(answerForSystem(index, 'visma-window', ['manager'], 'sv'), 'systemRoles');
      assert.equal(answer.system.name, 'Visma Window');
      assert.equal(answer.matchedBy, 'chosen');
      expectKind(answerForSystem(index, 'removed-meanwhile', [], 'sv'), 'systemNotFound');
    });

    it('answers an empty register without failing', () => {
      const empty = RegisterIndex.build([]);
      expectKind(answerQuestion(empty, 'vem äger agresso'), 'systemNotFound');
      expectKind(answerQuestion(empty, 'vilka system är verksamhetskritiska'), 'systemList');
    });
  });
});

describe('RegisterIndex people', () => {
  it('joins a person named without address to the one person of that name who has one', () => {
    const register = [
      aSystem({ name: 'Ett', responsible: aPerson('Kim Ek', 'kim.ek@kommun.se') }),
      aSystem({ name: 'Två', managers: [aPerson('Kim Ek', null)] }),
    ];
    const built = RegisterIndex.build(register);
    assert.deepEqual(
      built.systemsOf('kim.ek@kommun.se').map((held) => held.system.name),
      ['Ett', 'Två'],
    );
  });

  it('keeps two people with the same name apart when their addresses differ', () => {
    const register = [
      aSystem({ name: 'Ett', responsible: aPerson('Kim Ek', 'kim.ek@kommun.se') }),
      aSystem({ name: 'Två', responsible: aPerson('Kim Ek', 'kim.ek2@kommun.se') }),
    ];
    const answer = expectKind(
      answerQuestion(RegisterIndex.build(register), 'vilka system har Kim Ek'),
      'choosePerson',
    );
    assert.equal(answer.people.length, 2);
  });

  describe('what a question names, whatever words are around it', () => {
    const systemsOf = (answer: Answer) =>
      expectKind(answer, 'several').parts.map((part) => expectKind(part, 'systemRoles').system.name);

    it('answers about a system named among words it does not know, and says which words those were', () => {
      const answer = expectKind(ask('Vem har koordinatoransvaret för Treserva?'), 'systemRoles');
      assert.equal(answer.system.name, 'Treserva');
      assert.equal(answer.unplaced, 'koordinatoransvaret');
    });

    it('never makes an unknown word next to a name into an answer about that name', () => {
      const answer = expectKind(ask('vem äger Agresso Fakturering'), 'systemNotFound');
      assert.deepEqual(answer.roles, ['owner']);
    });

    it('answers each of two systems named in one question, look-alikes kept apart', () => {
      assert.deepEqual(systemsOf(ask('Vem förvaltar Agresso och vem förvaltar Treserva?')), [
        'Agresso',
        'Treserva',
      ]);
      assert.deepEqual(systemsOf(ask('vem ansvarar för Visma Window och Visma Personec')), [
        'Visma Window',
        'Visma Personec',
      ]);
    });

    it('answers a system and a person named in one question, each with its own roles', () => {
      const answer = expectKind(ask('vem äger W3D3 och vilka system har Erik Lund?'), 'several');
      const [system, person] = answer.parts;
      assert.deepEqual(expectKind(system!, 'systemRoles').roles, ['owner']);
      assert.equal(expectKind(person!, 'personSystems').person.name, 'Erik Lund');
    });

    it('answers each item of a list, a name or a description, and each person of a list', () => {
      const answer = expectKind(ask('vem förvaltar Treserva och lönesystemet?'), 'several');
      assert.equal(expectKind(answer.parts[0]!, 'systemRoles').system.name, 'Treserva');
      assert.equal(answer.parts.length, 2);
      const people = expectKind(ask('vilka system har Erik Lund och Sara Holm?'), 'several');
      assert.deepEqual(
        people.parts.map((part) => expectKind(part, 'personSystems').person.name),
        ['Erik Lund', 'Sara Holm'],
      );
    });

    it('answers at most four things and names the ones left out', () => {
      const answer = expectKind(
        ask('vem äger Agresso och Treserva och W3D3 och Combine2 och Office 365'),
        'several',
      );
      assert.equal(answer.parts.length, 4);
      assert.deepEqual(answer.leftOut, ['Office 365']);
    });

    it('suggests a name two typing errors away when it sounds the same, without answering', () => {
      const register = RegisterIndex.build([
        aSystem({ name: 'Schoolsoft' }),
        aSystem({ name: 'Interbook Go' }),
      ]);
      for (const [typed, meant] of [
        ['skolsoft', 'Schoolsoft'],
        ['vem äger intrabok', 'Interbook Go'],
      ] as const) {
        const answer = expectKind(answerQuestion(register, typed), 'systemNotFound');
        assert.deepEqual(names(answer.suggestions), [meant], typed);
      }
    });
  });

  describe('the supplier column', () => {
    const register = RegisterIndex.build([
      aSystem({ name: 'Visma Window', extra: { Leverantör: 'Visma' } }),
      aSystem({ name: 'TimeCare', extra: { Leverantör: 'Visma' } }),
      aSystem({ name: 'Agresso', extra: { Leverantör: 'Unit4' } }),
      aSystem({ name: 'Tempus' }),
    ]);

    it('lists the systems a supplier delivers, in Swedish and English', () => {
      for (const typed of ['vilka system levereras av Visma?', 'which systems are supplied by visma']) {
        const answer = expectKind(answerQuestion(register, typed), 'systemList');
        assert.deepEqual(answer.filter, { supplier: 'Visma' }, typed);
        assert.deepEqual(names(answer.systems), ['TimeCare', 'Visma Window'], typed);
      }
    });

    it('still answers who supplies a system with its card', () => {
      const answer = expectKind(answerQuestion(register, 'vem är leverantör för Agresso?'), 'systemRoles');
      assert.equal(answer.system.name, 'Agresso');
    });

    it('finds no supplier in a register without the column', () => {
      const answer = answerQuestion(
        RegisterIndex.build(fictionalRegister()),
        'vilka system levereras av Visma?',
      );
      assert.notDeepEqual(answer.kind === 'systemList' ? answer.filter : undefined, { supplier: 'Visma' });
    });
  });
});
