/** The MSSP track a `program` line names. */
import type * as ast from '../generated/ast.js';
import type { MsspTrack } from './contract-model.js';

/** `track 1+` → '1+', `BASIC C` → 'BASIC C', `ENHANCED` → 'ENHANCED'; undefined when not an MSSP track. */
export function trackOf(track: ast.Track | undefined): MsspTrack | undefined {
    if (!track) {
        return undefined;
    }
    if (track.enhanced) {
        return 'ENHANCED';
    }
    if (track.level !== undefined) {
        const level = `BASIC ${track.level}`;
        return (['BASIC A', 'BASIC B', 'BASIC C', 'BASIC D', 'BASIC E'] as const).find(t => t === level);
    }
    const name = `${track.number ?? ''}${track.plus ? '+' : ''}`;
    return (['1', '1+', '2', '3'] as const).find(t => t === name);
}
