/**
 * Every published oracle settlement as a contract file: the MSSP settlements of 2013–2021 and of
 * 2022–2024 and the GPDC/REACH settlements of 2021–2023, written by the same functions the oracle
 * tests use (test/settlement/oracle-rows*.ts). This is the portfolio the CLI and language server
 * benchmarks run over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { oracleContractText, readOracleRows } from '../test/settlement/oracle-rows.js';
import { oracleContractText2022, readOracleRows2022 } from '../test/settlement/oracle-rows-2022.js';
import { reachContractText, readReachOracleRows } from '../test/settlement/oracle-rows-reach.js';

/** The text of every oracle contract, in CSV order. */
export function oracleContracts(root: string): string[] {
    const data = (name: string): string => path.join(root, 'test/data', name);
    return [
        ...readOracleRows(data('mssp-settlements.csv')).map(row => oracleContractText(row)),
        ...readOracleRows2022(data('mssp-settlements-2022-2024.csv')).map(oracleContractText2022),
        ...readReachOracleRows(data('reach-settlements-2021-2023.csv')).map(row => reachContractText(row))
    ];
}

/** Writes contracts as `0000.aco`, `0001.aco`, … into `directory` and returns their paths. */
export function writeContracts(directory: string, texts: readonly string[]): string[] {
    fs.mkdirSync(directory, { recursive: true });
    return texts.map((text, index) => {
        const file = path.join(directory, `${String(index).padStart(5, '0')}.aco`);
        fs.writeFileSync(file, text);
        return file;
    });
}
