/** What one operation and one caller may cost Looker: operation cost, request budgets, fair shares. */
export { CallerRates, type Caller, type CallerRateSettings } from './caller-rates';
export {
  LookerAdmission,
  type AdmissionOptions,
  type FairnessSettings,
  type CallerAdmission,
} from './looker-admission';
export { laneOf, type LookerLane } from './looker-lanes';
export { WriteRate } from './write-rate';
export { estimateOperationCost, type OperationCost } from './operation-cost';
export { SubjectTaskSlots, type ReleaseTaskSlot, type SubjectTaskSlotsOptions } from './subject-task-slots';
