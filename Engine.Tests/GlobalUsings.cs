// FsCheck's [Property] (a property-based test) and NUnit's [Property] (metadata) share a name; tests mean FsCheck's.
global using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
