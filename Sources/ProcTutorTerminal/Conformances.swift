import ProcTutorSupervisor
import ProcTutorSystem
import ProcTutorUI

/// The real frame and the real run are what the loop's seams describe.
extension CellBuffer: CellGrid {}
extension SupervisedRun: DemoRun {}
