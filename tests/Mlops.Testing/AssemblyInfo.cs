namespace Mlops.Testing;
