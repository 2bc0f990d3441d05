package vn.dvc.aws.catalog;

import java.util.Optional;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.intake.ProcedureSource;

/** Procedures from the bundled, sourced catalog. Operator-published versions are layered on top by the catalog capability. */
public final class CatalogProcedureSource implements ProcedureSource {
    private final ProcedureCatalog catalog;

    public CatalogProcedureSource(ProcedureCatalog catalog) {
        this.catalog = catalog;
    }

    public static CatalogProcedureSource bundled() {
        return new CatalogProcedureSource(ProcedureCatalog.bundled());
    }

    @Override
    public Optional<Procedure> current(String code) {
        return catalog.byCode(code);
    }

    @Override
    public Optional<Procedure> version(String code, int version) {
        return catalog.byCode(code).filter(p -> p.version() == version);
    }
}
