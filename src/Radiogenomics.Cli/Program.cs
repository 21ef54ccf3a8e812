System.Console.WriteLine("rg");
