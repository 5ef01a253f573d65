# The machines of the seed's network example (../infrastructure.yaml): a sysvinit machine and a supervisord one,
# both on this machine under `nixproc up`.
{
  test1 = {
    properties.hostname = "127.0.0.1";
    processManager = "sysvinit";
    numOfCores = 2;
  };
  test2 = {
    properties.hostname = "127.0.0.1";
    processManager = "supervisord";
    numOfCores = 2;
  };
}
