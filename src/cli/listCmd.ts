// `modscope list -m`: the core command over Node's files, the disk module cache and GOPROXY.
import { listCommand as listCore } from '../core/commands/listm';
import { coreCommand } from './coreCommand';

export const listCommand = coreCommand('list', 'list modules (go list -m)', listCore);
