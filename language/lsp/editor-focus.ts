/**
 * What the client tells the server about each open contract beyond its text: the scenario picked
 * in the status bar and the line the cursor is on (`aco/focus`). Figures outside scenarios follow
 * them (figure-source.ts).
 */
import type { DrivingChoice } from './figure-source.js';

export class EditorFocus {
    private readonly picked = new Map<string, string>();
    private readonly cursor = new Map<string, number>();

    /** The status bar's pick for a document; an empty name goes back to the default. */
    pick(uri: string, scenario: string | undefined): void {
        if (scenario) {
            this.picked.set(uri, scenario);
        } else {
            this.picked.delete(uri);
        }
    }

    /** The cursor's 1-based line; undefined when the client no longer reports one (editor closed). */
    moveCursor(uri: string, line: number | undefined): void {
        if (line === undefined) {
            this.cursor.delete(uri);
        } else {
            this.cursor.set(uri, line);
        }
    }

    choice(uri: string, setting: string): DrivingChoice {
        return { picked: this.picked.get(uri), setting: setting || undefined, cursorLine: this.cursor.get(uri) };
    }

    forget(uri: string): void {
        this.picked.delete(uri);
        this.cursor.delete(uri);
    }
}
