/**
 * Settings (`aco.inlayHints.*`, `aco.monteCarlo.trials`) as Langium reads them, pulled with
 * `workspace/configuration`, but registering for change notifications only with a client that
 * announced `workspace.didChangeConfiguration.dynamicRegistration`. Other clients (Neovim, Helix)
 * push changes unasked, which Langium reads the same way.
 */
import { DefaultConfigurationProvider, type ConfigurationInitializedParams } from 'langium';
import type { InitializeParams } from 'vscode-languageserver';

export class AcoConfigurationProvider extends DefaultConfigurationProvider {
    private dynamicRegistration = false;

    override initialize(params: InitializeParams): void {
        super.initialize(params);
        this.dynamicRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    }

    override initialized(params: ConfigurationInitializedParams): Promise<void> {
        return super.initialized(this.dynamicRegistration ? params : { ...params, register: undefined });
    }
}
