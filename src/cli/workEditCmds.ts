// `modscope work init|use|edit`: the core commands over Node's files.
import { workEdit } from '../core/commands/workedit';
import { workInit, workUseCommand } from '../core/commands/workuse';
import { coreCommand } from './coreCommand';

export const workInitCommand = coreCommand('work init', 'initialize workspace file (go work init)', workInit);
export const workUseCliCommand = coreCommand('work use', 'add modules to workspace file (go work use)', workUseCommand);
export const workEditCommand = coreCommand('work edit', 'edit go.work from tools or scripts (go work edit)', workEdit);
