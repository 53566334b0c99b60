package dev.banyan.spark;

import dev.banyan.api.Solution;
import dev.banyan.api.records.ExportFormat;
import dev.banyan.api.records.ExportRecord;
import dev.banyan.api.records.TreeLine;

import java.util.List;
import java.util.Locale;

/** The export files a job writes beside its results: the searched trees and the training records drawn from them. */
enum Export {
    /** {@link TreeLine}s: a problem's whole tree, from which {@code banyan export} derives the rest again. */
    TREES(null, TreeLine.class),
    SFT(ExportFormat.SFT, ExportRecord.Sft.class),
    PRM(ExportFormat.PRM, ExportRecord.Prm.class),
    DPO(ExportFormat.DPO, ExportRecord.Dpo.class);

    private final ExportFormat format;
    private final Class<? extends Record> recordType;

    Export(ExportFormat format, Class<? extends Record> recordType) {
        this.format = format;
        this.recordType = recordType;
    }

    /** The name on the command line and of the export's folder: {@code trees}, {@code sft}, {@code prm}, {@code dpo}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    Class<? extends Record> recordType() {
        return recordType;
    }

    /** A problem's records in this export; the same as {@code banyan run --export-dir} writes. */
    List<?> records(Solution solution) {
        if (format == null) {
            return List.of(TreeLine.of(solution));
        }
        return format.records(solution.id(), solution.result().tree(), solution.task(), solution.targets());
    }

    /** The export named {@code key}, in any case. */
    static Export named(String key) {
        for (Export export : values()) {
            if (export.key().equalsIgnoreCase(key.strip())) {
                return export;
            }
        }
        throw new IllegalArgumentException("unknown export '" + key + "'; expected trees, sft, prm or dpo (or none)");
    }
}
