// `modscope mod graph`: the core command over Node's files, the disk module cache and GOPROXY.
import { modGraph } from '../core/commands/modgraph';
import { coreCommand } from './coreCommand';

export const modGraphCommand = coreCommand('mod graph', 'print module requirement graph (go mod graph)', modGraph);
