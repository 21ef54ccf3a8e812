global using Radiogenomics.TestSupport;
