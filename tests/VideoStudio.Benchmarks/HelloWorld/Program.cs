// The cold-start floor: a runtime start, one line out.
System.Console.WriteLine("hello");
