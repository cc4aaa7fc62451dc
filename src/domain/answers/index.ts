// The public face of question answering: the bot layer imports from here.
export type {
  Answer,
  AnswerKind,
  Lang,
  PersonRef,
  PersonSystem,
  QuestionContext,
  RoleId,
  SystemFilter,
  SystemMatch,
  SystemSummary,
} from './answer';
export { allRoles, contextAfter } from './answer';
export type { AnswerOptions, AskingPerson } from './answerQuestion';
export { answerForPerson, answerForSystem, answerParsedQuestion, answerQuestion } from './answerQuestion';
export { parseQuestion, type ParsedQuestion } from './question';
export { RegisterIndex } from './registerIndex';
