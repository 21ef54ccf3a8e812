global using Radiogenomics.Synthetic;
global using Xunit;
