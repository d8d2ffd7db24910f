// `modscope mod why`: the core command over Node's files, disk cache and GOPROXY.
import { modWhy } from '../core/commands/modwhy';
import { coreCommand } from './coreCommand';

export const modWhyCommand = coreCommand('mod why', 'explain why packages or modules are needed (go mod why)', modWhy);
