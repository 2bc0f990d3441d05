package vn.dvc.core.catalog;

/**
 * A national database whose data can replace a document component, so the citizen uploads nothing
 * for it (the population database: Luật Cư trú 2020 and Luật Căn cước 2023; the principle that
 * agencies must not ask for what is already in a connected database).
 */
public enum DataSubstitute {
    POPULATION_REGISTER,
    CIVIL_STATUS_REGISTER,
    LAND_REGISTER,
    /** A sector database connected to the handling agency, named in the component's text. */
    CONNECTED_SECTOR_DATABASE
}
