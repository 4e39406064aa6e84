/**
 * Langium's service registry, answering for a `.aco` file without asking the open documents
 * first. Langium looks up the document's language id among the open documents on every call,
 * which parses and normalises the URI again, and every phase of every build calls it for each
 * document: over thousands of files that cost more than the checks of some phases. With one
 * language registered (there is only ACO), a URI with its file extension gets its services
 * whatever the language id says, which is what Langium's own lookup ends with; any other URI is
 * looked up as Langium does.
 */
import { DefaultServiceRegistry, UriUtils, type LangiumCoreServices, type URI } from 'langium';

export class AcoServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        if (this.languageIdMap.size === 1) {
            const services = this.fileExtensionMap.get(UriUtils.extname(uri));
            if (services) {
                return services;
            }
        }
        return super.getServices(uri);
    }
}
