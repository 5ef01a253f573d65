# The example webapp as a package, the way the seed's constructors import it (`import ../../../../webapp`).
(import <nixpkgs> { }).webapp
