// `modscope mod vendor` / `modscope work vendor`: the core command over Node's files, disk cache
// and GOPROXY.
import { modVendor, workVendor } from '../core/commands/modvendor';
import { coreCommand } from './coreCommand';

export const modVendorCommand = coreCommand('mod vendor', 'make vendored copy of dependencies (go mod vendor)', modVendor);
export const workVendorCommand = coreCommand('work vendor', 'make vendored copy of dependencies (go work vendor)', workVendor);
