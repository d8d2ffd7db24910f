// `modscope get`: the core command over Node's files, the disk module cache and GOPROXY.
import { goGet } from '../core/commands/get';
import { coreCommand } from './coreCommand';

export const getCommand = coreCommand('get', 'add dependencies to current module (go get; module checks only, nothing is built)', goGet);
