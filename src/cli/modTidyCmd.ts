// `modscope mod tidy`: the core command over Node's files, disk cache and GOPROXY.
import { modTidy } from '../core/commands/modtidy';
import { coreCommand } from './coreCommand';

export const modTidyCommand = coreCommand('mod tidy', 'add missing and remove unused modules (go mod tidy)', modTidy);
