{
  test1 = { properties = { hostname = "test1.local"; }; processManager = "sysvinit"; system = "x86_64-linux"; };
  test2 = {
    properties = { hostname = "test2.local"; };
    processManager = "supervisord";
    numOfCores = 2;
    containers = { mysql-database = { mysqlPort = 3306; }; };
  };
}
