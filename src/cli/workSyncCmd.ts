// `modscope work sync`: the core command over Node's files, disk cache and GOPROXY.
import { workSync } from '../core/commands/worksync';
import { coreCommand } from './coreCommand';

export const workSyncCommand = coreCommand('work sync', 'sync workspace build list to modules (go work sync)', workSync);
