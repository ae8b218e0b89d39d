export { passAtK } from './passAtK';
export { prepareProblem, type PreparedProblem } from './prepare';
export { ESTIMATORS, type Estimator, type PointEstimate } from './estimate';
export { argmaxCurve, rankByKey } from './argmaxEstimate';
export { voteCurves } from './voteEstimate';
export {
  problemMatrix,
  aggregateCurves,
  powersOfTwo,
  type CurvePoint,
  type CurveOptions,
} from './curves';
export { ProblemBootstrap, quantile } from './bootstrap';
export { binsByLevel, binsByPass1Quintile } from './difficulty';
export { fitCoveragePowerLaw, powerLawCoverage, type PowerLawFit } from './powerLaw';
export { auroc, verifierQuality, type VerifierQuality } from './verifierQuality';
export {
  scorePool,
  checkBudgets,
  DEFAULT_SCORE_OPTIONS,
  type ScoreOptions,
  type ScoreReport,
} from './score';
